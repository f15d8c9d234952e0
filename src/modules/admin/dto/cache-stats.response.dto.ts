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
  @ApiProperty({ ...int, description: "The namespace's TTL." }) ttlSeconds!: number;
}

export class CacheL1SizeDto {
  @ApiProperty(int) items!: number;
  @ApiProperty(int) bytes!: number;
  @ApiProperty(int) maxItems!: number;
  @ApiProperty(int) maxBytes!: number;
}

export class CachedRouteStatsDto {
  @ApiProperty({ description: 'Method and URL template.' }) route!: string;
  @ApiProperty() namespace!: string;
  @ApiProperty({ ...int, description: 'Pre-routed ones included.' }) hits!: number;
  @ApiProperty(int) stale!: number;
  @ApiProperty(int) misses!: number;
  @ApiProperty(ratio) hitRatio!: number;
  @ApiProperty({ ...int, description: 'Misses that ran the handler.' }) loads!: number;
  @ApiProperty({ type: Number, nullable: true }) meanLoadMs!: number | null;
}

export class HotKeyDto {
  @ApiProperty({ description: "The key's hash part, shortened." }) key!: string;
  @ApiProperty() namespace!: string;
  @ApiProperty({ ...int, description: 'Sampled hits times the sampling interval.' }) estimatedHits!: number;
}

export class CacheStatsResponseDto implements CacheStatsReport {
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(CacheNamespaceStatsDto) }, description: 'By namespace.' })
  namespaces!: Record<string, CacheNamespaceStatsDto>;
  @ApiProperty(ratio) hitRatio!: number;
  @ApiProperty({ type: CacheL1SizeDto }) l1!: CacheL1SizeDto;
  @ApiProperty({ type: [CachedRouteStatsDto], description: '`@CachedRoute` routes.' }) routes!: CachedRouteStatsDto[];
  @ApiProperty({ type: [HotKeyDto], description: 'The most-hit keys (sampled).' }) hotKeys!: HotKeyDto[];
  @ApiProperty(int) coalescedLoads!: number;
  @ApiProperty(int) earlyRefreshes!: number;
  @ApiProperty(int) staleServed!: number;
  @ApiProperty(int) lockWaits!: number;
  @ApiProperty({ ...int, description: 'Keys whose load this instance waits on (another instance holds the lock).' }) keysAwaited!: number;
  @ApiProperty({ ...int, description: 'Tag versions kept in process (bounded).' }) tagsKnown!: number;
  @ApiProperty(int) invalidations!: number;
  @ApiProperty(int) l2Errors!: number;
}
