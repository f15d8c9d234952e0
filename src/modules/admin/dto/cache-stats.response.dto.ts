import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { CacheStatsReport } from '../../../platform/cache/index.js';

const int = { type: 'integer', minimum: 0 } as const;
const ratio = { minimum: 0, maximum: 1 } as const;

/** Register it with `@ApiExtraModels` where `CacheStatsResponseDto` is used: `namespaces` refers to it. */
export class CacheNamespaceStatsDto {
  @ApiProperty(int) l1Hits!: number;
  @ApiProperty(int) l2Hits!: number;
  @ApiProperty(int) misses!: number;
  @ApiProperty(ratio) hitRatio!: number;
}

class CacheL1SizeDto {
  @ApiProperty(int) items!: number;
  @ApiProperty(int) bytes!: number;
}

export class CacheStatsResponseDto implements CacheStatsReport {
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(CacheNamespaceStatsDto) }, description: 'By namespace.' })
  namespaces!: Record<string, CacheNamespaceStatsDto>;
  @ApiProperty(ratio) hitRatio!: number;
  @ApiProperty({ type: CacheL1SizeDto }) l1!: CacheL1SizeDto;
  @ApiProperty(int) coalescedLoads!: number;
  @ApiProperty(int) earlyRefreshes!: number;
  @ApiProperty(int) staleServed!: number;
  @ApiProperty(int) lockWaits!: number;
  @ApiProperty({ ...int, description: 'Keys whose load this instance waits on (another instance holds the lock).' }) keysAwaited!: number;
  @ApiProperty({ ...int, description: 'Tag versions kept in process (bounded).' }) tagsKnown!: number;
  @ApiProperty(int) invalidations!: number;
  @ApiProperty(int) l2Errors!: number;
}
