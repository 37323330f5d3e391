/**
 * First start of a real deployment (no demo county): loads the region list from a file and creates
 * the first administrator from the environment, so nobody needs a default password.
 */
package cn.canbao.setup;
