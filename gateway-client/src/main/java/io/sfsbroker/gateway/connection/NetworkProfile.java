package io.sfsbroker.gateway.connection;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a client needs to know about a network: the channel, the chaincode and the organisations.
 *
 * <p>{@code ./sfsbroker network up} writes it as {@code network.json} in the runtime folder; an
 * operator of another Fabric network writes the same file by hand (see the README).
 *
 * @param channel the channel name
 * @param chaincode the chaincode name
 * @param orgs the peer organisations
 * @param sfsbrokerScript the {@code ./sfsbroker} script that manages the network, or {@code null}
 */
public record NetworkProfile(
    String channel, String chaincode, List<OrgProfile> orgs, Path sfsbrokerScript) {

  private static final Gson GSON = new Gson();

  /** Checks the fields and copies the list. */
  public NetworkProfile {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(chaincode, "chaincode");
    orgs = List.copyOf(orgs);
    if (orgs.isEmpty()) {
      throw new IllegalArgumentException("a network profile needs at least one organisation");
    }
  }

  /**
   * Reads a profile from a {@code network.json} file.
   *
   * @throws IllegalArgumentException when the file is missing or not a network profile
   */
  public static NetworkProfile load(final Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the network profile "
              + file
              + " (run ./sfsbroker network up, which writes it): "
              + e.getMessage(),
          e);
    }
    try {
      JsonObject root = GSON.fromJson(text, JsonObject.class);
      JsonObject paths = root.getAsJsonObject("paths");
      List<OrgProfile> orgs = new ArrayList<>();
      paths
          .getAsJsonArray("orgs")
          .forEach(
              element -> {
                JsonObject org = element.getAsJsonObject();
                orgs.add(
                    new OrgProfile(
                        org.get("org").getAsString(),
                        org.get("mspId").getAsString(),
                        org.get("peer").getAsString(),
                        org.get("peerAddress").getAsString(),
                        Path.of(org.get("tlsCaFile").getAsString()),
                        Path.of(org.get("adminMspDir").getAsString()),
                        Path.of(org.get("userMspDir").getAsString())));
              });
      Path script = root.has("sfsbroker") ? Path.of(root.get("sfsbroker").getAsString()) : null;
      return new NetworkProfile(
          root.get("channel").getAsString(), root.get("chaincode").getAsString(), orgs, script);
    } catch (JsonParseException | NullPointerException | IllegalStateException e) {
      throw new IllegalArgumentException(file + " is not a network profile: " + e, e);
    }
  }

  /**
   * The organisation with the given short name or MSP id.
   *
   * @throws IllegalArgumentException when there is none
   */
  public OrgProfile org(final String nameOrMspId) {
    return orgs.stream()
        .filter(o -> o.org().equals(nameOrMspId) || o.mspId().equals(nameOrMspId))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("the network has no organisation " + nameOrMspId));
  }
}
