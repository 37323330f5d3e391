/** The HTTP side of security: the filter chain, session validity and HTTPS checks, the users' REST endpoints. */
package cn.canbao.security.web;
