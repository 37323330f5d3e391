/**
 * Camunda side of the enrollment campaign: process variable constants, and the delegates and listeners the BPMN
 * names by bean ({@code ${...}}).
 */
package cn.canbao.campaign.process;
