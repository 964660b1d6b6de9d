package io.sfsbroker.view.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final String TEXT =
      "# HELP ledger_blockchain_height Height of the chain in blocks.\n"
          + "ledger_blockchain_height{channel=\"other\"} 3\n"
          + "ledger_blockchain_height{channel=\"sfsbroker\"} 117\n"
          + "consensus_etcdraft_is_leader{channel=\"sfsbroker\"} 1\n";

  @Test
  void channelSample_readsTheChannelsValue() {
    assertThat(Metrics.channelSample(TEXT, "ledger_blockchain_height", "sfsbroker"))
        .contains(117.0);
    assertThat(Metrics.channelSample(TEXT, "consensus_etcdraft_is_leader", "sfsbroker"))
        .contains(1.0);
    assertThat(Metrics.channelSample(TEXT, "ledger_blockchain_height", "missing")).isEmpty();
  }
}
