package io.sfsbroker.chaincode.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.chaincode.auction.AuctionContract;
import io.sfsbroker.chaincode.catalog.CatalogContract;
import io.sfsbroker.chaincode.credit.CreditContract;
import io.sfsbroker.chaincode.deadline.DeadlineContract;
import io.sfsbroker.chaincode.envelope.EnvelopeContract;
import io.sfsbroker.chaincode.governance.GovernanceContract;
import io.sfsbroker.chaincode.multiflow.MultiFlowContract;
import io.sfsbroker.chaincode.nft.NftContract;
import io.sfsbroker.chaincode.offer.OfferContract;
import io.sfsbroker.chaincode.participant.ParticipantContract;
import io.sfsbroker.chaincode.probe.ProbeContract;
import io.sfsbroker.chaincode.request.SliceRequestContract;
import io.sfsbroker.chaincode.selection.SelectionContract;
import io.sfsbroker.chaincode.slice.SliceContract;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

/** The transaction names clients use (protocol's {@link TransactionName}) are the chaincode's. */
class TransactionNamesTest {

  private static final List<Class<?>> CONTRACTS =
      List.of(
          ParticipantContract.class,
          EnvelopeContract.class,
          CatalogContract.class,
          SliceRequestContract.class,
          OfferContract.class,
          SelectionContract.class,
          SliceContract.class,
          CreditContract.class,
          NftContract.class,
          MultiFlowContract.class,
          AuctionContract.class,
          DeadlineContract.class,
          GovernanceContract.class,
          ProbeContract.class);

  @Test
  void transactionNames_areExactlyTheContractsTransactionsWithTheirIntent() {
    Set<String> declared = new TreeSet<>();
    for (Class<?> contract : CONTRACTS) {
      String name = contract.getAnnotation(Contract.class).name();
      for (Method method : contract.getDeclaredMethods()) {
        Transaction transaction = method.getAnnotation(Transaction.class);
        if (transaction != null) {
          declared.add(name + ":" + method.getName() + " " + transaction.intent());
        }
      }
    }
    Set<String> named = new TreeSet<>();
    Arrays.stream(TransactionName.values())
        .forEach(t -> named.add(t.contract() + ":" + t.function() + " " + t.kind()));

    assertThat(named).isEqualTo(declared);
  }
}
