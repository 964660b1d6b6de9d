/**
 * Deadlines on the ledger: {@link io.sfsbroker.chaincode.deadline.Deadlines} keeps one entry per
 * thing that waits for time, written and deleted by the contracts in the same transactions that
 * start and end the wait; {@link io.sfsbroker.chaincode.deadline.DeadlineContract} lists the due
 * ones for the broker's keeper.
 */
package io.sfsbroker.chaincode.deadline;
