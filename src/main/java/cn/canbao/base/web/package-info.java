/** What every REST controller shares: refusals as problem details in the caller's language. */
package cn.canbao.base.web;
