/** Logging in: the user details, throttling repeated failures, refusing revoked regions, and the login audit. */
package cn.canbao.security.login;
