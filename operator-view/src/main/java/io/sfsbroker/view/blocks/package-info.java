/** Blocks and transactions read from block events; the blocks page. */
package io.sfsbroker.view.blocks;
