import { ApiProperty } from '@nestjs/swagger';
import { UuidField } from './fields.js';

/** Path parameters of a route on one resource: `:id`, a UUID in any case, held in lower case. */
export class IdParamsDto {
  @ApiProperty({ format: 'uuid' }) @UuidField() id!: string;
}

/** The query of a route that takes none: any name is refused, so no two URLs of one resource differ by query. */
export class NoQueryDto {}
