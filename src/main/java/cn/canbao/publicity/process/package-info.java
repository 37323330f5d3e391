/**
 * Camunda side of the publicity drives: process variable constants, and the delegates and listeners the BPMN names
 * by bean ({@code ${...}}).
 */
package cn.canbao.publicity.process;
