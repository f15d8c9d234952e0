import { ApiProperty } from '@nestjs/swagger';

export class SupplierResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() taxId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'ES' }) country!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
