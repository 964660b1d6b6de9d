package io.sfsbroker.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which org's identity an injected {@link io.sfsbroker.gateway.connection.GatewayConnection} or
 * {@link io.sfsbroker.gateway.ledger.ChaincodeClient} acts as: {@code @Org("tenants")},
 * {@code @Org(value = "providers", admin = true)}. Without it: the broker org's user (as the
 * bridge).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Org {

  /** The org's name in {@code network.json} (broker, tenants, providers) or its MSP id. */
  String value();

  /** Whether to act as the org's admin rather than its user. */
  boolean admin() default false;
}
