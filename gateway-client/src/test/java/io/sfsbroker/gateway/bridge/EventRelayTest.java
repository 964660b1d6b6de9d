package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.junit.jupiter.api.Test;

class EventRelayTest {

  private record Event(String name, String tx, long block, String json) implements ChaincodeEvent {
    @Override
    public long getBlockNumber() {
      return block;
    }

    @Override
    public String getTransactionId() {
      return tx;
    }

    @Override
    public String getChaincodeName() {
      return "sfsbroker";
    }

    @Override
    public String getEventName() {
      return name;
    }

    @Override
    public byte[] getPayload() {
      return json.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static CloseableIterator<ChaincodeEvent> stream(final List<ChaincodeEvent> events) {
    Iterator<ChaincodeEvent> it = events.iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public ChaincodeEvent next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void everyEvent_isPublishedThenCheckpointed_andAnUnreadableOneIsSkipped() throws Exception {
    RecordingDownlinks downlinks = new RecordingDownlinks();
    InMemoryCheckpointer checkpointer = new InMemoryCheckpointer();
    List<ChaincodeEvent> events =
        List.of(
            new Event("BlueprintPublished", "tx-1", 5, "{\"id\":\"s-1\"}"),
            new Event("SliceReady", "tx-2", 6, "not json"),
            new Event("OfferReceived", "tx-3", 7, "{}"),
            new Event("BlueprintPublished", "tx-4", 8, "{\"id\":\"s-2\"}"));
    EventRelay relay = new EventRelay(checkpoint -> stream(events), checkpointer, downlinks);

    relay.start();
    downlinks.awaitCount(2);
    long until = System.currentTimeMillis() + 5000;
    while (checkpointer.getBlockNumber().orElse(0) < 8 && System.currentTimeMillis() < until) {
      Thread.sleep(20);
    }
    relay.close();

    assertThat(downlinks.topics())
        .containsExactly("sfsb/v1/broadcast/rp/blueprint", "sfsb/v1/broadcast/rp/blueprint");
    assertThat(downlinks.published().get(1).payload()).contains("tx-4");
    assertThat(checkpointer.getBlockNumber()).hasValue(8);
    assertThat(checkpointer.getTransactionId()).hasValue("tx-4");
  }
}
