/** Thrown by the day-arithmetic functions, and only for malformed input: a bad date string or a non-integer count. */
export class CalendarInputError extends RangeError {
  /** The offending value, as given. */
  readonly value: unknown

  constructor(message: string, value: unknown) {
    super(message)
    this.name = 'CalendarInputError'
    this.value = value
  }
}
