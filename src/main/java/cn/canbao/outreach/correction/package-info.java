/**
 * Data corrections: a grid worker reports a resident moved, deceased or insured elsewhere; a county clerk decides,
 * and only an approval changes the register.
 */
package cn.canbao.outreach.correction;
