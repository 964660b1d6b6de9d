/** The multi-flow applications. */
package io.sfsbroker.view.multiflow;
