/** Notice settings over REST: a user's own, and a region's channel. */
package cn.canbao.notify.web;
