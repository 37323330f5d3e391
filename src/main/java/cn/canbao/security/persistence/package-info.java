/** The users' table (accounts, roles, sessions) and their part of a region merge. */
package cn.canbao.security.persistence;
