package io.sfsbroker.fog;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.multiflow.ApplicationRequestBody;
import io.sfsbroker.protocol.multiflow.FlowRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A multi-flow application request read from a file: {@code {"flows":[…], "bidWindowSeconds":20}}
 * or just the list of flows, read into the {@link ApplicationRequestBody} of an {@code
 * application-request} envelope (docs/tokens.md, {@code multiflow:requestApplication}). The body's
 * records check every flow as the ledger does (weights that sum to 1,000,000, µ, references,
 * intervals), so a bad file fails here.
 */
final class ApplicationFile {

  private ApplicationFile() {}

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong
   */
  static ApplicationRequestBody load(final Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return read(Json.parse(Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code root}: an object with {@code flows} and {@code bidWindowSeconds}, or a list of
   * flows.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static ApplicationRequestBody read(final JsonElement root) {
    if (root.isJsonArray()) {
      return new ApplicationRequestBody(flows(root), null);
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
    return withWindow(
        new ApplicationRequestBody(flows(object.get("flows")), null),
        window == null || window.isJsonNull() ? null : window.getAsBigDecimal().longValueExact());
  }

  /**
   * {@code body} with a bid window of {@code seconds}; {@code null} for the broker's default.
   *
   * @throws IllegalArgumentException when {@code seconds} is below 1
   */
  static ApplicationRequestBody withWindow(final ApplicationRequestBody body, final Long seconds) {
    if (seconds != null && seconds < 1) {
      throw new IllegalArgumentException("bidWindowSeconds must be at least 1, was " + seconds);
    }
    return new ApplicationRequestBody(body.flows(), seconds);
  }

  private static List<FlowRequirement> flows(final JsonElement flows) {
    for (JsonElement flow : flows.getAsJsonArray()) {
      if (!flow.isJsonObject()) {
        throw new IllegalArgumentException("every flow must be a JSON object, not " + flow);
      }
    }
    return Arrays.asList(Json.fromJson(Json.toJson(flows), FlowRequirement[].class));
  }
}
