/** The field page's JSON endpoints (session login and CSRF token, like the Vaadin views; not the Basic {@code /api}). */
package cn.canbao.outreach.web;
