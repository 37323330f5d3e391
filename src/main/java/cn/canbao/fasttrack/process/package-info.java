/**
 * Camunda side of fast-track enrolment of newborns and hardship residents: process variable constants, and the
 * delegates and listeners the BPMN names by bean ({@code ${...}}).
 */
package cn.canbao.fasttrack.process;
