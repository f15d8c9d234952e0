import { ApiProperty } from '@nestjs/swagger';
import { AmountTotalDto, CategoryTotalDto } from '../../agencies/dto/agency.response.dto.js';

class AgencyTotalDto extends AmountTotalDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() name!: string;
}

export class SupplierStatsResponseDto {
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty({ description: 'Agencies with at least one contract (not cancelled) with this supplier.' }) agencies!: number;
  @ApiProperty({ type: [AmountTotalDto], description: 'Contracts not cancelled, per currency.' }) totals!: AmountTotalDto[];
  @ApiProperty({ type: [CategoryTotalDto], description: 'Largest amount first.' }) byCategory!: CategoryTotalDto[];
  @ApiProperty({ type: [AgencyTotalDto], description: 'Top 10 agencies by amount.' }) topAgencies!: AgencyTotalDto[];
}
