package io.sfsbroker.chaincode.common;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;

/**
 * Who submitted the transaction: the MSP id of the caller's organisation and whether the caller is
 * an admin of it. With NodeOUs enabled (cryptogen's default, and Fabric CA's with a NodeOU config)
 * an admin's certificate carries {@code OU=admin}, a client's {@code OU=client}, a peer's {@code
 * OU=peer}.
 *
 * @param mspId the caller's MSP id, such as {@code Org1MSP}
 * @param id the caller's Fabric identity ({@code x509::subject::issuer})
 * @param organizationalUnits the OU values of the caller's certificate subject
 */
public record Caller(String mspId, String id, Set<String> organizationalUnits) {

  /** The OU value that marks an admin under NodeOUs. */
  public static final String ADMIN_OU = "admin";

  /** Copies the OUs into a sorted set. */
  public Caller {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(id, "id");
    organizationalUnits = Collections.unmodifiableSortedSet(new TreeSet<>(organizationalUnits));
  }

  /**
   * Reads the caller of the transaction in {@code ctx}.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FORBIDDEN} when the creator is
   *     not an X.509 identity
   */
  public static Caller of(final Context ctx) {
    Objects.requireNonNull(ctx, "ctx");
    ClientIdentity identity = ctx.getClientIdentity();
    if (identity == null || identity.getX509Certificate() == null) {
      throw ErrorCode.FORBIDDEN.reject("the transaction's creator is not an X.509 identity");
    }
    return new Caller(
        identity.getMSPID(),
        identity.getId(),
        organizationalUnits(identity.getX509Certificate().getSubjectX500Principal()));
  }

  /** Tells whether the caller is an admin of its organisation. */
  public boolean isAdmin() {
    return organizationalUnits.contains(ADMIN_OU);
  }

  /**
   * Requires the caller to be an admin of organisation {@code mspId}.
   *
   * @param action what the caller tried, for the message ("register participants")
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FORBIDDEN} otherwise
   */
  public void requireAdminOf(final String mspId, final String action) {
    requireAdmin(action);
    if (!this.mspId.equals(mspId)) {
      throw ErrorCode.FORBIDDEN.reject(
          "an admin of " + this.mspId + " may not " + action + " of " + mspId);
    }
  }

  /**
   * Requires the caller to be an admin of any organisation.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FORBIDDEN} otherwise
   */
  public void requireAdmin(final String action) {
    if (!isAdmin()) {
      throw ErrorCode.FORBIDDEN.reject(
          "only an organisation admin (a certificate with OU=admin) may " + action);
    }
  }

  private static Set<String> organizationalUnits(final X500Principal subject) {
    Set<String> units = new TreeSet<>();
    try {
      List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
      for (Rdn rdn : rdns) {
        if (rdn.getType().equalsIgnoreCase("OU")) {
          units.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      throw ErrorCode.FORBIDDEN.reject("the caller's certificate subject cannot be read", e);
    }
    return units;
  }
}
