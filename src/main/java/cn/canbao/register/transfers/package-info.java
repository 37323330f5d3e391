/** Household transfer requests across a region's edge, held by an import and decided by the other side's clerk. */
package cn.canbao.register.transfers;
