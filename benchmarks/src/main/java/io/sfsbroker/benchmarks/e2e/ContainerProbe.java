package io.sfsbroker.benchmarks.e2e;

import com.github.dockerjava.api.DockerClient;
import io.sfsbroker.rp.SliceContainers;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * How long one slice container takes to start on the engine the RPs use: creating and starting a
 * container of the slice image, the part of step 9 no ledger can shorten. The median of {@value
 * #PROBES} probes; each probe's container is removed at once.
 */
final class ContainerProbe {

  /** How many containers are started. */
  static final int PROBES = 3;

  private ContainerProbe() {}

  /**
   * The median seconds from create to started.
   *
   * @param run a tag unique to this run, part of the probes' container names
   */
  static double medianStartSeconds(final String dockerHost, final String image, final String run)
      throws IOException {
    double[] seconds = new double[PROBES];
    try (DockerClient docker = SliceContainers.dockerClient(dockerHost, Duration.ofSeconds(60))) {
      for (int i = 0; i < PROBES; i++) {
        String name = "sfsb-bench-e2e-probe-" + run + "-" + i;
        long start = System.nanoTime();
        String id =
            docker
                .createContainerCmd(image)
                .withName(name)
                .withLabels(Map.of("io.sfsbroker.bench", "e2e-probe"))
                .exec()
                .getId();
        try {
          docker.startContainerCmd(id).exec();
          seconds[i] = (System.nanoTime() - start) / 1e9;
        } finally {
          docker.removeContainerCmd(id).withForce(true).exec();
        }
      }
    }
    Arrays.sort(seconds);
    return seconds[PROBES / 2];
  }
}
