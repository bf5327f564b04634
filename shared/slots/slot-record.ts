/** The Slot objects generateSlots returns: the id is encoded on first read, then kept. */
import { encodeSlotId } from "./slot-id.js";
import type { MeetingType, Slot } from "./types.js";

export class SlotRecord implements Slot {
  #id: string | undefined = undefined;

  constructor(
    public employeeId: string,
    public additionalEmployees: string[] | undefined,
    public start: number,
    public end: number,
    public meetingType: MeetingType,
    public roomId: string | undefined,
  ) {}

  get id(): string {
    return (this.#id ??= encodeSlotId(this));
  }

  /** JSON carries the id. Spread ({ ...slot }) does not copy `id`: read it explicitly. */
  toJSON(): Slot {
    const json: Slot = { id: this.id, employeeId: this.employeeId, start: this.start, end: this.end, meetingType: this.meetingType };
    if (this.additionalEmployees !== undefined) json.additionalEmployees = this.additionalEmployees;
    if (this.roomId !== undefined) json.roomId = this.roomId;
    return json;
  }
}
