package io.sfsbroker.view.blocks;

import java.util.List;

/**
 * One block as the blocks page shows it.
 *
 * @param number the block number
 * @param transactions its transactions, in block order
 */
public record BlockSummary(long number, List<TransactionSummary> transactions) {

  /** Copies the list. */
  public BlockSummary {
    transactions = List.copyOf(transactions);
  }

  /** How many of its transactions are valid. */
  public long validCount() {
    return transactions.stream().filter(TransactionSummary::valid).count();
  }
}
