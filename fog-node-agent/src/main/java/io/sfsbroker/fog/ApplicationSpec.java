package io.sfsbroker.fog;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A multi-flow application request: the body of an {@code application-request} envelope
 * (docs/contracts.md, {@code multiflow:requestApplication}), written as it is. The flows are passed
 * through unchanged; the agent checks only their shape, the ledger checks the values (weights that
 * sum to 1,000,000, µ, reference values, …).
 *
 * @param flows the flows, 1 to {@value #MAX_FLOWS} objects with distinct {@code flowId}s and
 *     non-empty {@code intervals}
 * @param bidWindowSeconds how long operators may bid; {@code null} for the broker's default
 */
public record ApplicationSpec(JsonArray flows, Long bidWindowSeconds) {

  /** The most flows an application may have. */
  public static final int MAX_FLOWS = 32;

  /** Checks the shape of the flows and copies them. */
  public ApplicationSpec {
    Objects.requireNonNull(flows, "flows");
    if (flows.isEmpty() || flows.size() > MAX_FLOWS) {
      throw new IllegalArgumentException("an application has 1 to " + MAX_FLOWS + " flows");
    }
    Set<String> ids = new HashSet<>();
    for (JsonElement flow : flows) {
      if (!flow.isJsonObject()) {
        throw new IllegalArgumentException("every flow must be a JSON object, not " + flow);
      }
      JsonElement id = flow.getAsJsonObject().get("flowId");
      if (id == null || !id.isJsonPrimitive() || id.getAsString().isBlank()) {
        throw new IllegalArgumentException("a flow has no flowId: " + flow);
      }
      if (!ids.add(id.getAsString())) {
        throw new IllegalArgumentException("flow " + id.getAsString() + " is listed twice");
      }
      JsonElement intervals = flow.getAsJsonObject().get("intervals");
      if (intervals == null || !intervals.isJsonArray() || intervals.getAsJsonArray().isEmpty()) {
        throw new IllegalArgumentException(
            "flow " + id.getAsString() + " needs \"intervals\", a non-empty list");
      }
    }
    flows = flows.deepCopy();
    if (bidWindowSeconds != null && bidWindowSeconds < 1) {
      throw new IllegalArgumentException(
          "bidWindowSeconds must be at least 1, was " + bidWindowSeconds);
    }
  }

  /**
   * Reads a flows file: {@code {"flows":[…], "bidWindowSeconds":20}} or just the list of flows.
   *
   * @throws IllegalArgumentException naming the file and what is wrong
   */
  public static ApplicationSpec load(final Path file) {
    Objects.requireNonNull(file, "file");
    try {
      JsonElement root = Json.parse(Files.readString(file));
      if (root.isJsonArray()) {
        return new ApplicationSpec(root.getAsJsonArray(), null);
      }
      if (!root.isJsonObject() || !root.getAsJsonObject().has("flows")) {
        throw new IllegalArgumentException(
            "expected {\"flows\": [...], \"bidWindowSeconds\": N} or a list of flows");
      }
      JsonObject object = root.getAsJsonObject();
      for (String field : object.keySet()) {
        if (!field.equals("flows") && !field.equals("bidWindowSeconds")) {
          throw new IllegalArgumentException(
              "unknown field \"" + field + "\"; the fields are flows and bidWindowSeconds");
        }
      }
      if (!object.get("flows").isJsonArray()) {
        throw new IllegalArgumentException("\"flows\" must be a list");
      }
      JsonElement window = object.get("bidWindowSeconds");
      return new ApplicationSpec(
          object.getAsJsonArray("flows"),
          window == null || window.isJsonNull() ? null : window.getAsBigDecimal().longValueExact());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** A copy of the flows. */
  @Override
  public JsonArray flows() {
    return flows.deepCopy();
  }
}
