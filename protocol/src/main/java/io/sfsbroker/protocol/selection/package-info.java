/** The selection (flow step 8): its rule, the winners it records and the events that end it. */
package io.sfsbroker.protocol.selection;
