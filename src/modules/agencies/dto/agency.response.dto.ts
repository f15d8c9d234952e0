import { ApiProperty } from '@nestjs/swagger';

export class AgencyResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MIN-HEALTH' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AgencyPageResponseDto {
  @ApiProperty({ type: [AgencyResponseDto] }) items!: AgencyResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** Stats totals; supplier stats use the same shapes. */
export class AmountTotalDto {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty() contracts!: number;
  @ApiProperty({ description: 'Sum in cents, exact: a JSON number up to 2^53-1 (9007199254740991), a string of digits beyond.', oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^[0-9]+$' }] })
  amountCents!: number | string;
}

export class CategoryTotalDto extends AmountTotalDto {
  @ApiProperty() category!: string;
}

class MonthTotalDto extends AmountTotalDto {
  @ApiProperty({ example: '2024-03' }) month!: string;
}

class SupplierTotalDto extends AmountTotalDto {
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty() name!: string;
}

export class AgencyStatsResponseDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ type: [AmountTotalDto], description: 'Contracts not cancelled, per currency.' }) totals!: AmountTotalDto[];
  @ApiProperty({ type: [CategoryTotalDto], description: 'Largest amount first.' }) byCategory!: CategoryTotalDto[];
  @ApiProperty({ type: [MonthTotalDto], description: 'Calendar months (UTC), oldest first.' }) byMonth!: MonthTotalDto[];
  @ApiProperty({ type: [SupplierTotalDto], description: 'Top 10 suppliers by amount.' }) topSuppliers!: SupplierTotalDto[];
}
