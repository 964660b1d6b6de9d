package io.sfsbroker.fog;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.SliceQueryAnswer;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.multiflow.ApplicationConfirmationBody;
import io.sfsbroker.protocol.multiflow.ApplicationRequestBody;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import io.sfsbroker.protocol.multiflow.ApplicationState;
import io.sfsbroker.protocol.multiflow.FlowBid;
import io.sfsbroker.protocol.multiflow.FlowOutcome;
import io.sfsbroker.protocol.multiflow.ScoredBid;
import io.sfsbroker.protocol.nft.NftAction;
import io.sfsbroker.protocol.request.SliceRequestBody;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.Endpoint;
import io.sfsbroker.protocol.slice.ServiceConfirmationBody;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The fog node's side of the broker (docs/fog-node-agent.md): asks for a slice and waits for it,
 * checks that its ports answer, confirms service, releases it; the same for multi-flow
 * applications. Plain Java, so that tests and other programs drive it in-process; the command line
 * is {@link FogNodeAgentMain}.
 *
 * <p>Every message goes through the device's durable outbox ({@link DeviceLink}): a request made
 * while the broker cannot be reached is sent when it can, once (the bridge answers a message it
 * already has from its record). The agent keeps waiting for it until the request timeout.
 *
 * <p>One agent per device and process: its MQTT client id is the device id. Its methods may be
 * called from one thread at a time.
 */
public final class FogNodeAgent implements AutoCloseable {

  /** How long a message may go unanswered before the agent says where it is. */
  static final Duration QUEUED_NOTICE_AFTER = Duration.ofSeconds(3);

  private static final Duration STATUS_CONNECT_WAIT = Duration.ofSeconds(5);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

  /** The prefix of a device's account on the ledger (docs/tokens.md, "Accounts"). */
  private static final String DEVICE = "device:";

  private final FogConfig config;
  private final Clock clock;
  private final Inbox inbox = new Inbox();
  private final DeviceLink link;
  private final PortChecker ports;
  private final Duration queuedNoticeAfter;
  private volatile Consumer<String> progress = line -> {};

  /** A slice handed over, with its award if the notice came. */
  private record Handover(Slice slice, Long awardMillis, long handoverMillis) {}

  /**
   * Starts the agent of the fog node {@code config} describes; it connects to the broker in the
   * background, and keeps trying while it is open.
   *
   * @param clock stamps the envelopes ({@code iat}) and the reports; keep it synchronised (NTP)
   * @throws IllegalArgumentException when the key, certificate or CA cannot be read
   */
  public FogNodeAgent(final FogConfig config, final Clock clock) {
    this(config, clock, DeviceLink.MQTT);
  }

  FogNodeAgent(final FogConfig config, final Clock clock, final DeviceLink.Opener opener) {
    this(config, clock, opener, QUEUED_NOTICE_AFTER);
  }

  FogNodeAgent(
      final FogConfig config,
      final Clock clock,
      final DeviceLink.Opener opener,
      final Duration queuedNoticeAfter) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.queuedNoticeAfter = Objects.requireNonNull(queuedNoticeAfter, "queuedNoticeAfter");
    this.ports = new PortChecker(config.portCheckTimeout(), config.httpCheck());
    this.link = opener.open(config.device(), clock, inbox::add);
  }

  /**
   * Sends each step of a request, in words, to {@code listener} (the command line prints them on
   * standard error). Called on the thread that made the request.
   *
   * @return this agent
   */
  public FogNodeAgent onProgress(final Consumer<String> listener) {
    this.progress = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** The fog node's id. */
  public String id() {
    return link.id();
  }

  /** {@link #requestSlice(SliceRequestBody, boolean)} that confirms service. */
  public SliceReport requestSlice(final SliceRequestBody spec) throws InterruptedException {
    return requestSlice(spec, true);
  }

  /**
   * Asks for a slice and follows it to the handover: sends the signed request, waits for its
   * receipt and for the slice ({@code SliceReady}) or the end of the request ({@code
   * SelectionFailed}, {@code SelectionUnfunded}, {@code SliceFailed}, {@code SliceTimedOut}, {@code
   * SliceDecommissioned}), all within the request timeout; then checks every port of every endpoint
   * and, if all answer and {@code confirmService}, confirms service (which pays the RPs).
   *
   * @return the slice; its {@link SliceReport#outcome outcome} is {@code UNREACHABLE} when a port
   *     did not answer (service is then not confirmed, and the slice times out on the ledger unless
   *     released)
   * @throws IllegalArgumentException when the request has neither a budget nor a maximum unit price
   *     for every category
   * @throws AgentException when the request or the confirmation was rejected (the receipt's code),
   *     the request ended without a slice, or a step timed out ({@code TIMEOUT}; the message says
   *     whether the request still waits in the outbox)
   */
  public SliceReport requestSlice(final SliceRequestBody spec, final boolean confirmService)
      throws InterruptedException {
    RequestText.requirePayable(spec);
    long start = System.nanoTime();
    Instant requestedAt = clock.instant();
    long deadline = start + config.requestTimeout().toNanos();
    DeviceLink.Sent sent = link.send(Uplink.REQUEST, spec);
    String signedId = Ids.slice(link.id(), sent.nonce());
    progress.accept("requested " + RequestText.summary(spec) + ": slice " + signedId);

    Receipt stored = awaitReceipt(sent, "request of slice " + signedId, deadline);
    Long receiptMillis = millisSince(start);
    String sliceId = resultString(stored, "id").orElse(signedId);
    progress.accept(
        "stored in block "
            + stored.blockNumber()
            + resultString(stored, "offerDeadline").map(d -> "; offers until " + d).orElse(""));

    Handover handover = awaitHandover(sliceId, start, deadline);
    Slice slice = handover.slice();
    progress.accept(
        "handed over: "
            + slice.endpoints().size()
            + " endpoint(s); checking "
            + slice.endpoints().stream().mapToInt(e -> e.ports().size()).sum()
            + " port(s)");

    long checkStart = System.nanoTime();
    List<SliceReport.PortCheck> checks = ports.checkAll(targets(slice), config.portWait());
    Long checkMillis = millisSince(checkStart);
    boolean allReached = checks.stream().allMatch(SliceReport.PortCheck::reached);

    SliceReport.Outcome outcome;
    String state = slice.state().name();
    Long confirmMillis = null;
    String confirmTransaction = null;
    if (!allReached) {
      outcome = SliceReport.Outcome.UNREACHABLE;
    } else if (!confirmService) {
      outcome = SliceReport.Outcome.NOT_CONFIRMED;
    } else {
      long confirmStart = System.nanoTime();
      DeviceLink.Sent confirmation =
          link.send(
              Uplink.SERVICE,
              new ServiceConfirmationBody(sliceId, ServiceConfirmationBody.Status.RECEIVED));
      Receipt confirmed =
          awaitReceipt(
              confirmation,
              "service confirmation of slice " + sliceId,
              confirmStart + config.requestTimeout().toNanos());
      confirmMillis = millisSince(confirmStart);
      confirmTransaction = confirmed.transactionId();
      state = resultString(confirmed, "state").orElse(SliceState.IN_SERVICE.name());
      outcome = SliceReport.Outcome.CONFIRMED;
      progress.accept("service confirmed in block " + confirmed.blockNumber());
    }

    return new SliceReport(
        sliceId,
        link.id(),
        RequestText.summary(spec),
        outcome,
        state,
        slice.totalPrice(),
        slice.federated(),
        requestedAt,
        slice.activatedAt(),
        slice.validUntil(),
        outcome == SliceReport.Outcome.CONFIRMED ? null : slice.confirmationDeadline(),
        slice.winners().stream()
            .map(
                w ->
                    new SliceReport.Part(
                        w.category(), w.rpId(), w.amount(), w.unitPrice(), w.price()))
            .toList(),
        checks,
        new SliceReport.Timings(
            receiptMillis,
            handover.awardMillis(),
            handover.handoverMillis(),
            checkMillis,
            confirmMillis,
            millisSince(start)),
        stored.transactionId(),
        confirmTransaction);
  }

  /**
   * Releases a slice this fog node holds the bundle tokens of, its own or one received by transfer
   * ({@code slice:decommission}): the RPs stop its parts, and an escrow still locked is refunded to
   * the fog node that paid.
   *
   * @throws AgentException when the ledger refused (e.g. {@code INVALID_STATE} for a slice that
   *     already ended, {@code FORBIDDEN} for one whose tokens it does not hold) or no receipt came
   *     in time
   * @throws IllegalArgumentException when {@code sliceId} is not a slice id
   */
  public StepReport decommission(final String sliceId) throws InterruptedException {
    return step(
        sliceId,
        Uplink.DECOMMISSION,
        ServiceConfirmationBody.Status.RELEASED,
        SliceState.DECOMMISSIONED,
        "release");
  }

  /**
   * Confirms service of a slice handed over earlier, for example one requested with {@code
   * confirmService} off, or one whose bundle tokens this fog node received by transfer ({@code
   * slice:confirmService}); this pays the RPs. Ports are not checked.
   *
   * @throws AgentException when the ledger refused (e.g. {@code INVALID_STATE} past the
   *     confirmation deadline) or no receipt came in time
   * @throws IllegalArgumentException when {@code sliceId} is not a slice id
   */
  public StepReport confirmService(final String sliceId) throws InterruptedException {
    return step(
        sliceId,
        Uplink.SERVICE,
        ServiceConfirmationBody.Status.RECEIVED,
        SliceState.IN_SERVICE,
        "service confirmation");
  }

  /**
   * Confirms that the flows of a multi-flow application are served ({@code
   * multiflow:confirmApplication} over the {@code application-service} uplink), as the holder of
   * its token {@code app:<id>}: the one that requested it, or one that received the token by
   * transfer. This pays the operators.
   *
   * @throws AgentException when the ledger refused ({@code FORBIDDEN} for an application whose
   *     token this fog node does not hold, {@code INVALID_STATE} past the deadline or when not
   *     {@code AWARDED}) or no receipt came in time
   * @throws IllegalArgumentException when {@code applicationId} is not an application id
   */
  public ApplicationStep confirmApplication(final String applicationId)
      throws InterruptedException {
    return applicationStep(
        applicationId,
        Uplink.APPLICATION_SERVICE,
        ServiceConfirmationBody.Status.RECEIVED,
        ApplicationState.IN_SERVICE,
        "service confirmation");
  }

  /**
   * Releases a multi-flow application whose token {@code app:<id>} this fog node holds ({@code
   * multiflow:releaseApplication} over the {@code application-release} uplink): its tokens are
   * burned, and an escrow still locked is refunded to the fog node that paid.
   *
   * @throws AgentException when the ledger refused ({@code FORBIDDEN}, {@code INVALID_STATE}) or no
   *     receipt came in time
   * @throws IllegalArgumentException when {@code applicationId} is not an application id
   */
  public ApplicationStep releaseApplication(final String applicationId)
      throws InterruptedException {
    return applicationStep(
        applicationId,
        Uplink.APPLICATION_RELEASE,
        ServiceConfirmationBody.Status.RELEASED,
        ApplicationState.RELEASED,
        "release");
  }

  /**
   * Hands tokens over to fog node {@code toDeviceId}: one signed {@code nft-transfer} per token
   * over the {@code token} uplink ({@code nft:applySigned}), each waited for in turn. Transferring
   * every bundle token of a slice ({@link #bundleTokens}) hands the slice over: the new holder may
   * then read its endpoints, confirm and decommission it, and this fog node may not.
   *
   * @return one transfer per token, in order
   * @throws AgentException at the first token the ledger refused ({@code FORBIDDEN} for one this
   *     fog node may not transfer, {@code NOT_FOUND} for one that does not exist); the tokens
   *     before it are transferred
   * @throws IllegalArgumentException when there are no tokens or {@code toDeviceId} is no device id
   */
  public List<TokenTransfer> transfer(final List<String> tokenIds, final String toDeviceId)
      throws InterruptedException {
    Objects.requireNonNull(tokenIds, "tokenIds");
    Objects.requireNonNull(toDeviceId, "toDeviceId");
    if (tokenIds.isEmpty()) {
      throw new IllegalArgumentException("name at least one token to transfer");
    }
    if (!Envelope.SIGNER_ID.matcher(toDeviceId).matches()) {
      throw new IllegalArgumentException(
          "'" + toDeviceId + "' is not a device id (the participant id of a fog node)");
    }
    String from = DEVICE + link.id();
    String to = DEVICE + toDeviceId;
    List<TokenTransfer> done = new ArrayList<>();
    for (String tokenId : tokenIds) {
      long start = System.nanoTime();
      DeviceLink.Sent sent =
          link.send(
              Uplink.TOKEN,
              new NftAction(NftAction.Action.TRANSFER, tokenId, from, to, null, null));
      Receipt receipt =
          awaitReceipt(
              sent, "transfer of token " + tokenId, start + config.requestTimeout().toNanos());
      progress.accept(
          "transferred " + tokenId + " to " + to + " in block " + receipt.blockNumber());
      done.add(
          new TokenTransfer(
              tokenId,
              from,
              to,
              receipt.transactionId(),
              receipt.blockNumber(),
              millisSince(start)));
    }
    return List.copyOf(done);
  }

  /**
   * The ids of the bundle tokens of a slice this fog node holds, {@code
   * bundle:<sliceId>:<category>} for each category of its endpoints, as the bridge answers the
   * holder (docs/protocol.md, "Queries").
   *
   * @throws AgentException {@code NOT_HELD} when the bridge gives this fog node no endpoints of the
   *     slice (it does not hold it, or the slice is not active yet: then name the tokens), or
   *     {@code TIMEOUT} when the bridge did not answer
   */
  public List<String> bundleTokens(final String sliceId) throws InterruptedException {
    requireSliceId(sliceId);
    SliceQueryAnswer answer = query(List.of(sliceId));
    List<Endpoint> endpoints = answer.endpoints().getOrDefault(sliceId, List.of());
    if (endpoints.isEmpty()) {
      throw new AgentException(
          AgentError.NOT_HELD,
          "the bridge gives "
              + link.id()
              + " no endpoints of slice "
              + sliceId
              + " (state "
              + answer.slices().getOrDefault(sliceId, "NOT_FOUND")
              + "): it does not hold the slice, or the slice is not active yet; name its tokens,"
              + " bundle:"
              + sliceId
              + ":<category>");
    }
    return endpoints.stream()
        .map(e -> "bundle:" + sliceId + ":" + e.category())
        .distinct()
        .toList();
  }

  /** {@link #requestApplication(ApplicationRequestBody, boolean)} that confirms service. */
  public ApplicationReport requestApplication(final ApplicationRequestBody spec)
      throws InterruptedException {
    return requestApplication(spec, true);
  }

  /**
   * Asks for a multi-flow application ({@code multiflow:requestApplication} over the {@code
   * application} uplink) and waits for its selection ({@code ApplicationAwarded}) or its failure;
   * then, if {@code confirmService}, confirms that its flows are served (the {@code
   * application-service} uplink, {@code multiflow:confirmApplication}), which pays the operators.
   *
   * @throws AgentException when a message was rejected, no flow was bought ({@code
   *     APPLICATION_FAILED}) or a step timed out ({@code TIMEOUT})
   */
  public ApplicationReport requestApplication(
      final ApplicationRequestBody spec, final boolean confirmService) throws InterruptedException {
    Objects.requireNonNull(spec, "spec");
    long start = System.nanoTime();
    Instant requestedAt = clock.instant();
    long deadline = start + config.requestTimeout().toNanos();
    DeviceLink.Sent sent = link.send(Uplink.APPLICATION, spec);
    String signedId = Ids.application(link.id(), sent.nonce());
    progress.accept("requested " + spec.flows().size() + " flow(s): application " + signedId);

    Receipt stored = awaitReceipt(sent, "request of application " + signedId, deadline);
    Long receiptMillis = millisSince(start);
    String applicationId = resultString(stored, "id").orElse(signedId);
    progress.accept(
        "stored in block "
            + stored.blockNumber()
            + resultString(stored, "bidDeadline").map(d -> "; bids until " + d).orElse(""));

    ApplicationSelection selection = null;
    while (selection == null) {
      Notice notice =
          inbox
              .next(applicationId, deadline)
              .orElseThrow(
                  () ->
                      new AgentException(
                          AgentError.TIMEOUT,
                          "no selection for application "
                              + applicationId
                              + " within "
                              + config.requestTimeout().toSeconds()
                              + " s"));
      EventName event = EventName.fromWireName(notice.event()).orElse(null);
      if (event == null) {
        continue; // not an event of this broker
      }
      switch (event) {
        case APPLICATION_AWARDED -> selection = notice.payloadAs(ApplicationSelection.class);
        case APPLICATION_FAILED ->
            throw new AgentException(
                AgentError.APPLICATION_FAILED,
                "application " + applicationId + ": " + reason(notice));
        case APPLICATION_TIMED_OUT ->
            throw new AgentException(
                AgentError.APPLICATION_TIMED_OUT,
                "application " + applicationId + ": " + reason(notice));
        default -> {
          // ApplicationOpened and the like: steps on the way
        }
      }
    }
    Long awardMillis = millisSince(start);
    progress.accept("awarded: total price " + selection.totalPrice());

    boolean confirmed = false;
    String state = ApplicationState.AWARDED.name();
    Long confirmMillis = null;
    String confirmTransaction = null;
    if (confirmService) {
      long confirmStart = System.nanoTime();
      DeviceLink.Sent confirmation =
          link.send(Uplink.APPLICATION_SERVICE, new ApplicationConfirmationBody(applicationId));
      Receipt receipt =
          awaitReceipt(
              confirmation,
              "service confirmation of application " + applicationId,
              confirmStart + config.requestTimeout().toNanos());
      confirmMillis = millisSince(confirmStart);
      confirmTransaction = receipt.transactionId();
      state = resultString(receipt, "state").orElse(ApplicationState.IN_SERVICE.name());
      confirmed = true;
    }

    List<ApplicationReport.Flow> flows = new ArrayList<>();
    for (FlowOutcome o : selection.outcomes()) {
      ScoredBid w = o.winner();
      FlowBid bid = w == null ? null : w.bid();
      flows.add(
          new ApplicationReport.Flow(
              o.flowId(),
              o.interval(),
              bid == null ? null : bid.bidderId(),
              bid == null ? 0 : bid.price(),
              bid == null ? 0 : bid.throughputKbps(),
              bid == null ? 0 : bid.latencyMicros(),
              bid == null ? 0 : bid.lossPpm(),
              w == null ? 0 : w.quality(),
              w == null ? 0 : w.utility(),
              o.bidCount(),
              o.reason()));
    }
    return new ApplicationReport(
        applicationId,
        link.id(),
        confirmed,
        state,
        selection.totalPrice(),
        requestedAt,
        flows,
        new ApplicationReport.Timings(
            receiptMillis, awardMillis, confirmMillis, millisSince(start)),
        stored.transactionId(),
        confirmTransaction);
  }

  /**
   * Whether the agent reaches the broker, how many messages wait in its outbox, and (when {@code
   * sliceIds} are given and the bridge answers) the ledger state of those slices. Waits up to a few
   * seconds for the first connection; messages left in the outbox by an earlier run are sent then.
   */
  public AgentStatus status(final List<String> sliceIds) throws InterruptedException {
    Objects.requireNonNull(sliceIds, "sliceIds");
    boolean connected = link.awaitFirstConnection(STATUS_CONNECT_WAIT) && link.isConnected();
    Map<String, String> states = new LinkedHashMap<>();
    Map<String, List<Endpoint>> endpoints = new LinkedHashMap<>();
    String note = null;
    if (!sliceIds.isEmpty()) {
      if (!connected) {
        note = "the broker cannot be reached, so the ledger was not asked";
      } else {
        try {
          SliceQueryAnswer answer = link.querySlices(sliceIds, QUERY_TIMEOUT);
          states.putAll(answer.slices());
          endpoints.putAll(answer.endpoints());
        } catch (TimeoutException e) {
          note = "the bridge did not answer within " + QUERY_TIMEOUT.toSeconds() + " s";
        } catch (IllegalStateException e) {
          note = e.getMessage();
        }
      }
    }
    return new AgentStatus(
        link.id(),
        config.device().brokerUrl(),
        connected,
        link.pending(),
        link.unanswered(),
        new java.util.TreeMap<>(states),
        new java.util.TreeMap<>(endpoints),
        note);
  }

  /** Closes the link; what is still in the outbox is sent by the next agent of this device. */
  @Override
  public void close() {
    link.close();
  }

  private StepReport step(
      final String sliceId,
      final Uplink uplink,
      final ServiceConfirmationBody.Status status,
      final SliceState expectedState,
      final String what)
      throws InterruptedException {
    requireSliceId(sliceId);
    long start = System.nanoTime();
    DeviceLink.Sent sent = link.send(uplink, new ServiceConfirmationBody(sliceId, status));
    Receipt receipt =
        awaitReceipt(
            sent, what + " of slice " + sliceId, start + config.requestTimeout().toNanos());
    return new StepReport(
        sliceId,
        status.name(),
        resultString(receipt, "state").orElse(expectedState.name()),
        receipt.transactionId(),
        receipt.blockNumber(),
        millisSince(start));
  }

  private ApplicationStep applicationStep(
      final String applicationId,
      final Uplink uplink,
      final ServiceConfirmationBody.Status status,
      final ApplicationState expectedState,
      final String what)
      throws InterruptedException {
    Objects.requireNonNull(applicationId, "applicationId");
    if (!Ids.APPLICATION_ID.matcher(applicationId).matches()) {
      throw new IllegalArgumentException(
          "'" + applicationId + "' is not an application id (m- and 24 hex digits)");
    }
    long start = System.nanoTime();
    DeviceLink.Sent sent =
        link.send(uplink, new ApplicationConfirmationBody(applicationId, status));
    Receipt receipt =
        awaitReceipt(
            sent,
            what + " of application " + applicationId,
            start + config.requestTimeout().toNanos());
    return new ApplicationStep(
        applicationId,
        status.name(),
        resultString(receipt, "state").orElse(expectedState.name()),
        receipt.transactionId(),
        receipt.blockNumber(),
        millisSince(start));
  }

  /** The bridge's answer about {@code sliceIds}; {@code TIMEOUT} when it gives none in time. */
  private SliceQueryAnswer query(final List<String> sliceIds) throws InterruptedException {
    if (!link.awaitFirstConnection(STATUS_CONNECT_WAIT) || !link.isConnected()) {
      throw new AgentException(
          AgentError.TIMEOUT, "the broker cannot be reached, so the bridge was not asked");
    }
    try {
      return link.querySlices(sliceIds, QUERY_TIMEOUT);
    } catch (TimeoutException e) {
      throw new AgentException(
          AgentError.TIMEOUT,
          "the bridge did not answer within " + QUERY_TIMEOUT.toSeconds() + " s");
    }
  }

  private static void requireSliceId(final String sliceId) {
    Objects.requireNonNull(sliceId, "sliceId");
    if (!Ids.isSliceId(sliceId)) {
      throw new IllegalArgumentException(
          "'" + sliceId + "' is not a slice id (s- and 24 hex digits)");
    }
  }

  /** Waits for the receipt of {@code sent} until {@code deadline}; a rejection is thrown. */
  private Receipt awaitReceipt(final DeviceLink.Sent sent, final String what, final long deadline)
      throws InterruptedException {
    Receipt receipt;
    try {
      receipt = link.awaitReceipt(sent.nonce(), min(queuedNoticeAfter, left(deadline)));
    } catch (TimeoutException first) {
      boolean queued = !link.isConnected() || link.pending() > 0;
      long seconds = left(deadline).toSeconds();
      String waiting = seconds > 0 ? " (waiting up to " + seconds + " s more)" : "";
      progress.accept(
          queued
              ? "the broker cannot be reached: queued in the outbox; will be sent on reconnect"
                  + waiting
              : "sent; waiting for the bridge's receipt" + waiting);
      try {
        receipt = link.awaitReceipt(sent.nonce(), left(deadline));
      } catch (TimeoutException second) {
        boolean stillQueued = !link.isConnected() || link.pending() > 0;
        throw new AgentException(
            AgentError.TIMEOUT,
            "no receipt for the "
                + what
                + " within "
                + config.requestTimeout().toSeconds()
                + " s; "
                + (stillQueued
                    ? "it stays in the outbox and is sent once the broker can be reached (by the"
                        + " next run of the agent if this one stops)"
                    : "the broker has it; the bridge may be down"));
      }
    }
    if (!receipt.isCommitted()) {
      throw new AgentException(receipt.code(), receipt.reason());
    }
    return receipt;
  }

  /** Waits for the handover of {@code sliceId}, or throws the notice that ended the request. */
  private Handover awaitHandover(final String sliceId, final long start, final long deadline)
      throws InterruptedException {
    Long awardMillis = null;
    SliceAwarded award = null;
    while (true) {
      Optional<Notice> next = inbox.next(sliceId, deadline);
      if (next.isEmpty()) {
        throw new AgentException(
            AgentError.TIMEOUT,
            "no handover of slice "
                + sliceId
                + " within "
                + config.requestTimeout().toSeconds()
                + " s"
                + (award == null
                    ? " (no award yet)"
                    : " (awarded; the RPs have until "
                        + award.instantiationDeadline()
                        + " to start their parts)"));
      }
      Notice notice = next.get();
      EventName event = EventName.fromWireName(notice.event()).orElse(null);
      if (event == null) {
        continue; // not an event of this broker
      }
      switch (event) {
        case SLICE_AWARDED -> {
          award = notice.payloadAs(SliceAwarded.class);
          awardMillis = millisSince(start);
          progress.accept(
              "awarded to "
                  + award.winners().stream().map(Winner::rpId).distinct().toList()
                  + ", total price "
                  + award.totalPrice()
                  + "; waiting for the RPs to start their parts");
        }
        case SLICE_READY -> {
          return new Handover(notice.payloadAs(Slice.class), awardMillis, millisSince(start));
        }
        case SELECTION_FAILED -> throw failed(AgentError.SELECTION_FAILED, sliceId, notice);
        case SELECTION_UNFUNDED -> throw failed(AgentError.SELECTION_UNFUNDED, sliceId, notice);
        case SLICE_FAILED -> throw failed(AgentError.SLICE_FAILED, sliceId, notice);
        case SLICE_TIMED_OUT -> throw failed(AgentError.SLICE_TIMED_OUT, sliceId, notice);
        case SLICE_DECOMMISSIONED -> throw failed(AgentError.SLICE_DECOMMISSIONED, sliceId, notice);
        default -> {
          // SliceInService and the like are not steps of a request
        }
      }
    }
  }

  private static AgentException failed(
      final AgentError error, final String sliceId, final Notice notice) {
    return new AgentException(error, "slice " + sliceId + ": " + reason(notice));
  }

  private static String reason(final Notice notice) {
    JsonElement reason =
        notice.payload().isJsonObject() ? notice.payload().getAsJsonObject().get("reason") : null;
    return reason == null || !reason.isJsonPrimitive()
        ? notice.event() + " in transaction " + notice.transactionId()
        : reason.getAsString();
  }

  private static List<PortChecker.Target> targets(final Slice slice) {
    List<PortChecker.Target> targets = new ArrayList<>();
    for (Endpoint e : slice.endpoints()) {
      for (int port : e.ports()) {
        targets.add(new PortChecker.Target(e.category(), e.rpId(), e.host(), port, e.instanceId()));
      }
    }
    return targets;
  }

  private static Optional<String> resultString(final Receipt receipt, final String field) {
    JsonElement result = receipt.result();
    if (result == null || !result.isJsonObject()) {
      return Optional.empty();
    }
    JsonObject object = result.getAsJsonObject();
    JsonElement value = object.get(field);
    return value == null || !value.isJsonPrimitive()
        ? Optional.empty()
        : Optional.of(value.getAsString());
  }

  private static Duration left(final long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long millisSince(final long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
