/**
 * Uploaded rule tables: their check (FEEL only, expected signature, example cases), versions and the engine's
 * decisions they become.
 */
package cn.canbao.policy.rules;
