/** AIS ship-type codes (ITU-R M.1371, message 5 "type of ship and cargo"). */

/** Whether the AIS type code denotes a tanker (80–89): the class sanctions on oil trade are about. */
export function isTankerType(aisType: number | null): boolean {
  return aisType !== null && aisType >= 80 && aisType <= 89;
}
