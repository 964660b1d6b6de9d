package io.sfsbroker.fog;

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
}
