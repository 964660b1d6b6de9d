package io.sfsbroker.chaincode.governance;

import java.time.Instant;
import java.util.Objects;

/**
 * How often a setting's subject has changed, stored under {@code gov-revision~<subject>}: a
 * proposal records the revision it was made against and applies only while it is still current.
 *
 * @param subject the subject, such as {@code broker} or {@code service-class:ar-vr}
 * @param revision the number of applied changes, from 1
 * @param proposalId the proposal that made this revision
 * @param appliedAt the transaction time it was applied
 */
record SettingRevision(String subject, long revision, String proposalId, Instant appliedAt) {

  SettingRevision {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(proposalId, "proposalId");
    Objects.requireNonNull(appliedAt, "appliedAt");
  }
}
