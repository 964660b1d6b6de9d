package io.sfsbroker.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.participant.ParticipantRole;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ArgumentsTest {

  @Test
  void constant_acceptsLowerCaseAndDashes() {
    assertThat(Arguments.constant(" resource-provider ")).isEqualTo("RESOURCE_PROVIDER");
    assertThat(Arguments.constant("IN_SERVICE")).isEqualTo("IN_SERVICE");
  }

  @Test
  void account_keepsDeviceAndClientAccounts_andMakesABareIdADeviceAccount() {
    assertThat(Arguments.account("fog-1")).isEqualTo("device:fog-1");
    assertThat(Arguments.account("device:fog-1")).isEqualTo("device:fog-1");
    assertThat(Arguments.account("client:BrokerMSP:x509::CN=a::CN=b"))
        .isEqualTo("client:BrokerMSP:x509::CN=a::CN=b");
  }

  @Test
  void positive_readsWholeNumbersFromOne() {
    Arguments.Positive positive = new Arguments.Positive();

    assertThat(positive.convert("1")).isEqualTo(1L);
    assertThatThrownBy(() -> positive.convert("0"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> positive.convert("ten"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("not a whole number");
  }

  @Test
  void nonNegative_readsWholeNumbersFromZero() {
    Arguments.NonNegative nonNegative = new Arguments.NonNegative();

    assertThat(nonNegative.convert("0")).isZero();
    assertThatThrownBy(() -> nonNegative.convert("-1"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("at least 0");
  }

  @Test
  void oneOf_readsAConstantInAnyCase_andNamesTheChoicesOtherwise() {
    assertThat(Arguments.oneOf(ParticipantRole.class, "resource-provider"))
        .isEqualTo(ParticipantRole.RESOURCE_PROVIDER);
    assertThatThrownBy(() -> Arguments.oneOf(ParticipantRole.class, "printer"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FOG_NODE");
  }
}
