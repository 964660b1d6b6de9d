package io.sfsbroker.rp;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a shell command inside a container (docker exec), for the integration tests. */
final class DockerExec {

  /** What a command did: its exit code and its stdout and stderr, interleaved. */
  record Result(long exitCode, String output) {}

  private DockerExec() {}

  /** Runs {@code command} with the image's {@code sh -c} in {@code containerId}, at most 30 s. */
  static Result run(final DockerClient client, final String containerId, final String command)
      throws InterruptedException {
    ExecCreateCmdResponse created =
        client
            .execCreateCmd(containerId)
            .withCmd("sh", "-c", command)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean done =
        client
            .execStartCmd(created.getId())
            .exec(
                new ResultCallback.Adapter<Frame>() {
                  @Override
                  public void onNext(final Frame frame) {
                    out.writeBytes(frame.getPayload());
                  }
                })
            .awaitCompletion(30, TimeUnit.SECONDS);
    if (!done) {
      throw new AssertionError("'" + command + "' did not end within 30 s in " + containerId);
    }
    Long code = client.inspectExecCmd(created.getId()).exec().getExitCodeLong();
    return new Result(code == null ? -1 : code, out.toString(StandardCharsets.UTF_8));
  }
}
