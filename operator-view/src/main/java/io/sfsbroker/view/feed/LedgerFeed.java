package io.sfsbroker.view.feed;

import io.sfsbroker.view.blocks.BlockLog;
import io.sfsbroker.view.blocks.BlockParser;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The view's two subscriptions to one peer, each on a thread of its own and each resumed after a
 * checkpoint when its stream breaks (nothing missed, nothing kept twice): the chaincode's events
 * from block 0 into an {@link EventLog}, and the channel's blocks (the newest {@code blockWindow})
 * into a {@link BlockLog}. These two streams are all the load the view puts on the peer besides the
 * paged queries of the pages.
 */
public final class LedgerFeed implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LedgerFeed.class.getName());
  private static final long REOPEN_MILLIS = 1000;

  private final Network network;
  private final String chaincode;
  private final EventLog events;
  private final BlockLog blocks;
  private final long firstBlock;
  private final List<Thread> threads = new ArrayList<>();
  private final List<CloseableIterator<?>> open = new ArrayList<>();
  private volatile boolean closed;

  private LedgerFeed(
      final Network network,
      final String chaincode,
      final EventLog events,
      final BlockLog blocks,
      final long firstBlock) {
    this.network = network;
    this.chaincode = chaincode;
    this.events = events;
    this.blocks = blocks;
    this.firstBlock = firstBlock;
  }

  /**
   * Starts both subscriptions on {@code network}.
   *
   * @param height the channel's height now; blocks are read from {@code height - blockWindow}
   */
  public static LedgerFeed start(
      final Network network,
      final String chaincode,
      final EventLog events,
      final BlockLog blocks,
      final long height,
      final int blockWindow) {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(chaincode, "chaincode");
    LedgerFeed feed =
        new LedgerFeed(
            network,
            chaincode,
            Objects.requireNonNull(events, "events"),
            Objects.requireNonNull(blocks, "blocks"),
            Math.max(0, height - blockWindow));
    feed.begin("sfsb-view-events", feed::readEvents);
    feed.begin("sfsb-view-blocks", feed::readBlocks);
    return feed;
  }

  private void begin(final String name, final Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void readEvents() {
    InMemoryCheckpointer checkpointer = new InMemoryCheckpointer();
    while (!closed) {
      try (CloseableIterator<ChaincodeEvent> iterator =
          network
              .newChaincodeEventsRequest(chaincode)
              .startBlock(0)
              .checkpoint(checkpointer)
              .build()
              .getEvents()) {
        remember(iterator);
        while (!closed && iterator.hasNext()) {
          ChaincodeEvent event = iterator.next();
          events.append(
              new FeedEvent(
                  new EventId(event.getBlockNumber(), event.getTransactionId()),
                  event.getEventName(),
                  new String(event.getPayload(), StandardCharsets.UTF_8)));
          checkpointer.checkpointChaincodeEvent(event);
        }
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "the chaincode event stream broke; reopening: {0}", e.toString());
        }
      }
      pause();
    }
  }

  private void readBlocks() {
    while (!closed) {
      long from = Math.max(firstBlock, blocks.nextBlock());
      try (CloseableIterator<Block> iterator =
          network.newBlockEventsRequest().startBlock(from).build().getEvents()) {
        remember(iterator);
        while (!closed && iterator.hasNext()) {
          blocks.append(BlockParser.summarise(iterator.next()));
        }
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "the block event stream broke; reopening: {0}", e.toString());
        }
      }
      pause();
    }
  }

  private synchronized void remember(final CloseableIterator<?> iterator) {
    open.add(iterator);
  }

  private void pause() {
    try {
      Thread.sleep(REOPEN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      for (CloseableIterator<?> iterator : open) {
        try {
          iterator.close();
        } catch (RuntimeException e) {
          LOG.log(Level.DEBUG, "closing a stream: {0}", e.getMessage());
        }
      }
    }
    for (Thread thread : threads) {
      thread.interrupt();
    }
  }
}
