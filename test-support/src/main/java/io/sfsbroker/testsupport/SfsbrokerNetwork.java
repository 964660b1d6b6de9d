package io.sfsbroker.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against the SFSBroker network in Docker, one container per node,
 * started through Testcontainers ({@link SfsbrokerNetworkExtension}). Test methods, constructors
 * and {@code @BeforeAll} methods may take a {@link DockerizedNetwork}, its {@link
 * io.sfsbroker.gateway.connection.NetworkProfile}, a {@link io.sfsbroker.gateway.testbed.Testbed},
 * a {@link io.sfsbroker.gateway.connection.GatewayConnection} or a {@link
 * io.sfsbroker.gateway.ledger.ChaincodeClient} (the broker org's user's, or the org {@link Org}
 * names). Every class of the test run shares one network, removed when the run ends.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SfsbrokerNetworkExtension.class)
public @interface SfsbrokerNetwork {}
