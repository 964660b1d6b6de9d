package io.sfsbroker.simulator.ddra;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.AuctionType;
import io.sfsbroker.market.auction.CapacityReport;
import io.sfsbroker.market.auction.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper's claims (§IV.B) checked on the figures computed for the default seed. */
class EvaluationTest {

  private static Evaluation evaluation;

  @BeforeAll
  static void runDefaultSetting() {
    evaluation = Evaluation.run(DdraSimulation.DEFAULT_SEED, AuctionParameters.DEFAULT);
  }

  @Test
  void scenario_matchesThePaperSetting() {
    Scenario scenario = evaluation.scenario();

    assertThat(scenario.planets()).hasSize(3);
    assertThat(scenario.planets().get(0).capacity().cpu()).isEqualTo(96);
    assertThat(scenario.planets().get(2).capacity().gpu()).isEqualTo(336);
    assertThat(scenario.groups()).hasSize(200);
    assertThat(scenario.groups()).allSatisfy(g -> assertThat(g.members().size()).isBetween(2, 50));
    assertThat(scenario.totalSlots()).isEqualTo(30);
  }

  @Test
  void auctions_areTypeOneThenTypeTwo() {
    assertThat(evaluation.periods())
        .extracting(p -> p.result().type())
        .containsExactly(AuctionType.TYPE_1, AuctionType.TYPE_2, AuctionType.TYPE_2);
  }

  @Test
  void everyAuction_convergesWithinTheRoundLimit() {
    assertThat(evaluation.periods())
        .allSatisfy(
            p -> {
              assertThat(p.result().converged()).isTrue();
              assertThat(p.result().rounds())
                  .isLessThanOrEqualTo(AuctionParameters.DEFAULT.maxRounds());
              List<Double> distances = p.result().distances();
              assertThat(distances.get(distances.size() - 1)).isLessThanOrEqualTo(1.0);
            });
  }

  @Test
  void everyAllocationRatio_isAtMostOne() {
    for (PeriodOutcome outcome : evaluation.periods()) {
      CapacityReport report = outcome.ddra();
      for (int j = 0; j < 3; j++) {
        for (int t = 0; t < outcome.instance().slotCount(); t++) {
          for (Resource r : Resource.values()) {
            assertThat(report.ratio(j, r, t)).isBetween(0.0, 1.0);
          }
        }
      }
    }
    assertThat(evaluation.withinCapacity()).isTrue();
    // Some resource is fully used: prices did ration.
    assertThat(evaluation.maxAllocationRatio()).isGreaterThan(0.999);
  }

  @Test
  void everyActiveGroup_processesAtLeastAsMuchAsUnderUniformAllocation() {
    List<GroupImprovement> improvements = evaluation.improvements(0);

    assertThat(improvements).hasSizeGreaterThan(100);
    assertThat(improvements)
        .allSatisfy(g -> assertThat(g.ratio()).as(g.group()).isGreaterThanOrEqualTo(1.0));
  }

  @Test
  void averageAllocationRatio_ofDdra_exceedsUniformForEveryResource() {
    List<Double> ddra = evaluation.averageAllocationRatios(false);
    List<Double> uniform = evaluation.averageAllocationRatios(true);

    for (int r = 0; r < ddra.size(); r++) {
      assertThat(ddra.get(r)).isGreaterThan(uniform.get(r));
    }
  }

  @Test
  void figureFiles_writesFourCsvAndFourPngFiles(@TempDir Path out) throws Exception {
    FigureFiles.write(evaluation, out);

    for (String name :
        List.of(
            "fig3_convergence",
            "fig4_allocation_ratio",
            "fig5_improvement_ratio",
            "fig6_average_allocation_ratio")) {
      assertThat(out.resolve(name + ".csv")).isNotEmptyFile();
      byte[] png = Files.readAllBytes(out.resolve(name + ".png"));
      assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
    assertThat(Files.readAllLines(out.resolve("fig5_improvement_ratio.csv")))
        .hasSize(evaluation.improvements(0).size() + 1);
  }
}
