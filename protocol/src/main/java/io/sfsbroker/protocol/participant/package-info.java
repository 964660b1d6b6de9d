/** The participant registry: registrations, participants, their roles and states. */
package io.sfsbroker.protocol.participant;
