package io.sfsbroker.protocol.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {

  // SHA-256 by coreutils: printf 'fog-7\0x0whHDc8f-7GWKt33PuSCw' | sha256sum
  @Test
  void slice_isTheFirst24HexDigitsOfTheSignerAndNonceDigest() {
    assertThat(Ids.slice("fog-7", "x0whHDc8f-7GWKt33PuSCw"))
        .isEqualTo("s-c0bef47e559f85b404d29691");
  }

  // printf 'application\0fog-7\0x0whHDc8f-7GWKt33PuSCw' | sha256sum
  @Test
  void application_prefixesTheDigestInputWithApplication() {
    assertThat(Ids.application("fog-7", "x0whHDc8f-7GWKt33PuSCw"))
        .isEqualTo("m-dba90f3c70ed8505ea65932e");
  }

  // printf 'auction\0tx-1' | sha256sum
  @Test
  void auction_isTheDigestOfTheOpeningTransaction() {
    assertThat(Ids.auction("tx-1")).isEqualTo("a-2c52c87fb4f312ccf569716d");
  }

  @Test
  void everyDerivedId_hasItsForm() {
    assertThat(Ids.SLICE_ID.matcher(Ids.slice("rp-1", "n")).matches()).isTrue();
    assertThat(Ids.APPLICATION_ID.matcher(Ids.application("rp-1", "n")).matches()).isTrue();
    assertThat(Ids.AUCTION_ID.matcher(Ids.auction("t")).matches()).isTrue();
    assertThat(Ids.isSliceId("s-C0BEF47E559F85B404D29691")).isFalse();
    assertThat(Ids.isSliceId(null)).isFalse();
  }
}
