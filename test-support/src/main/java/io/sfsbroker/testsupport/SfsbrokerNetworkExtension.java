package io.sfsbroker.testsupport;

import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.testbed.Testbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link SfsbrokerNetwork}: starts one {@link DockerizedNetwork} for
 * the whole test run (in the root context's store, which closes it when the run ends, whether the
 * tests passed or not) and resolves the parameters {@link SfsbrokerNetwork} lists.
 *
 * <p>Settings (system properties): {@code sfsbroker.home}, the checkout holding the {@code
 * sfsbroker} script (default: the nearest folder at or above the working directory that holds it);
 * {@code sfsbroker.testNetwork.offset}, the port offset (default: {@code SFSB_PORT_OFFSET} + 50);
 * {@code sfsbroker.testNetwork.dir}, where its runtime and logs go (default: {@code target}).
 * Testcontainers' Ryuk must be off ({@code TESTCONTAINERS_RYUK_DISABLED=true}): its image cannot be
 * pulled here, and the network removes itself.
 */
public final class SfsbrokerNetworkExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SfsbrokerNetworkExtension.class);
  private static final Set<Class<?>> INJECTED =
      Set.of(
          DockerizedNetwork.class,
          NetworkProfile.class,
          Testbed.class,
          GatewayConnection.class,
          ChaincodeClient.class);

  @Override
  public void beforeAll(final ExtensionContext context) {
    network(context);
  }

  @Override
  public boolean supportsParameter(
      final ParameterContext parameter, final ExtensionContext context) {
    return INJECTED.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    DockerizedNetwork network = network(context);
    Class<?> type = parameter.getParameter().getType();
    Optional<Org> org = parameter.findAnnotation(Org.class);
    String name = org.map(Org::value).orElse("broker");
    boolean admin = org.map(Org::admin).orElse(false);
    if (type == DockerizedNetwork.class) {
      return network;
    } else if (type == NetworkProfile.class) {
      return network.profile();
    } else if (type == Testbed.class) {
      return network.testbed();
    } else if (type == GatewayConnection.class) {
      return network.connection(name, admin);
    }
    return network.chaincode(name, admin);
  }

  private static DockerizedNetwork network(final ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            DockerizedNetwork.class,
            k -> DockerizedNetwork.start(settings()),
            DockerizedNetwork.class);
  }

  private static DockerizedNetwork.Settings settings() {
    if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      throw new ExtensionConfigurationException(
          "@SfsbrokerNetwork needs Testcontainers' Ryuk off (its image cannot be pulled; the"
              + " network removes itself): set the environment variable"
              + " TESTCONTAINERS_RYUK_DISABLED=true for the test JVM (Failsafe:"
              + " <environmentVariables>)");
    }
    Path home = home();
    Path dir =
        Path.of(System.getProperty("sfsbroker.testNetwork.dir", "target"))
            .toAbsolutePath()
            .normalize();
    int offset = offset();
    String run = "sfsbroker-network-" + offset + "-" + ProcessHandle.current().pid();
    return new DockerizedNetwork.Settings(
        home.resolve("sfsbroker"), dir.resolve(run), offset, dir.resolve(run + "-logs"));
  }

  private static int offset() {
    String property = System.getProperty("sfsbroker.testNetwork.offset");
    try {
      if (property != null && !property.isBlank()) {
        return Integer.parseInt(property.trim());
      }
      String base = System.getenv().getOrDefault("SFSB_PORT_OFFSET", "0");
      return Integer.parseInt(base.trim()) + 50;
    } catch (NumberFormatException e) {
      throw new ExtensionConfigurationException(
          "the port offset (sfsbroker.testNetwork.offset or SFSB_PORT_OFFSET) is not a number", e);
    }
  }

  private static Path home() {
    String property = System.getProperty("sfsbroker.home");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("sfsbroker"))
          && Files.isDirectory(dir.resolve("network").resolve("lib"))) {
        return dir;
      }
    }
    throw new ExtensionConfigurationException(
        "no sfsbroker checkout at or above "
            + Path.of("").toAbsolutePath()
            + "; set -Dsfsbroker.home to it");
  }
}
