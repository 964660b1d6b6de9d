/** The fog-node agent that runs on a Raspberry Pi 4 and asks the broker for network slices. */
package io.sfsbroker.fog;
