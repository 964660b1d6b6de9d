package io.sfsbroker.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.view.blocks.BlockLog;
import io.sfsbroker.view.blocks.BlockSummary;
import io.sfsbroker.view.feed.EventId;
import io.sfsbroker.view.feed.EventLog;
import io.sfsbroker.view.feed.FeedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorViewTest {

  @Test
  void committedHeight_anEventBeforeItsBlock_alreadyCountsTheBlock() {
    BlockLog blocks = new BlockLog(10);
    EventLog events = new EventLog(10);
    assertThat(OperatorView.committedHeight(blocks, events)).isZero();
    blocks.append(new BlockSummary(0, List.of()));
    blocks.append(new BlockSummary(1, List.of()));
    assertThat(OperatorView.committedHeight(blocks, events)).isEqualTo(2);

    events.append(new FeedEvent(new EventId(4, "tx4"), "SliceAwarded", "{}"));

    assertThat(OperatorView.committedHeight(blocks, events)).isEqualTo(5);
  }
}
