/** Escrow, credit balances and resource tokens by owner. */
package io.sfsbroker.view.money;
