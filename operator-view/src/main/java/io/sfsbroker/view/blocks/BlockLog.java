package io.sfsbroker.view.blocks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The newest {@code capacity} blocks the view has read, in memory, for the blocks page: paged
 * newest first, and counted by creator organisation and validation code. Thread-safe.
 */
public final class BlockLog {

  private final int capacity;
  private final ArrayDeque<BlockSummary> blocks = new ArrayDeque<>();

  /** A log that keeps at most {@code capacity} blocks. */
  public BlockLog(final int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Appends the next block; one at or below the newest kept is ignored. */
  public synchronized boolean append(final BlockSummary block) {
    Objects.requireNonNull(block, "block");
    BlockSummary last = blocks.peekLast();
    if (last != null && block.number() <= last.number()) {
      return false;
    }
    blocks.addLast(block);
    if (blocks.size() > capacity) {
      blocks.removeFirst();
    }
    return true;
  }

  /** The number the next block will have: one past the newest kept, or 0. */
  public synchronized long nextBlock() {
    BlockSummary last = blocks.peekLast();
    return last == null ? 0 : last.number() + 1;
  }

  /** Page {@code page} (from 0) of {@code size} blocks, newest first. */
  public synchronized List<BlockSummary> page(final int page, final int size) {
    if (page < 0 || size < 1) {
      throw new IllegalArgumentException("page must be ≥ 0 and size ≥ 1");
    }
    List<BlockSummary> found = new ArrayList<>();
    long skip = (long) page * size;
    Iterator<BlockSummary> iterator = blocks.descendingIterator();
    while (iterator.hasNext() && found.size() < size) {
      BlockSummary block = iterator.next();
      if (skip > 0) {
        skip--;
      } else {
        found.add(block);
      }
    }
    return found;
  }

  /** How many blocks are kept. */
  public synchronized int size() {
    return blocks.size();
  }
}
