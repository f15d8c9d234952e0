import { type ValidationArguments, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

@ValidatorConstraint({ name: 'jsonSize' })
export class JsonSizeConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const [maxBytes] = args.constraints as [number];
    return Buffer.byteLength(JSON.stringify(value) ?? '') <= maxBytes;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must serialize to at most ${String(args.constraints[0])} bytes of JSON`;
  }
}
