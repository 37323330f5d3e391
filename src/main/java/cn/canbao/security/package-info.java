/**
 * Who may do what where: users bound to a region or grid, roles, login, the caller's scope, and the
 * bridge that lets the same users into Camunda's webapps and REST API with their groups.
 */
package cn.canbao.security;
