package io.sfsbroker.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {

  @AfterEach
  void restore() {
    ConsoleLog.configure(Level.INFO);
  }

  @Test
  void configure_setsTheThreshold_onTheBackendsRootAndHandlers() {
    ConsoleLog.configure(Level.WARNING);

    var root = LogManager.getLogManager().getLogger("");
    assertThat(root.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
    assertThat(root.getHandlers())
        .allSatisfy(h -> assertThat(h.getLevel()).isEqualTo(java.util.logging.Level.WARNING));
    assertThat(System.getLogger("io.sfsbroker.x").isLoggable(Level.INFO)).isFalse();
    assertThat(System.getLogger("io.sfsbroker.x").isLoggable(Level.WARNING)).isTrue();
  }

  @Test
  void configure_debug_letsDebugRecordsThrough() {
    ConsoleLog.configure(Level.DEBUG);

    assertThat(System.getLogger("io.sfsbroker.x").isLoggable(Level.DEBUG)).isTrue();
    assertThat(System.getLogger("io.sfsbroker.x").isLoggable(Level.TRACE)).isFalse();
  }

  @Test
  void backendLevel_mapsErrorToSevere_andTraceToFiner() {
    assertThat(ConsoleLog.backendLevel(Level.ERROR)).isEqualTo(java.util.logging.Level.SEVERE);
    assertThat(ConsoleLog.backendLevel(Level.TRACE)).isEqualTo(java.util.logging.Level.FINER);
  }
}
