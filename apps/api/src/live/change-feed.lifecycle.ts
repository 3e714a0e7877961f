import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { DisputeChangeFeed } from '../../../../libs/persistence/src/dispute-change-feed';
import { DISPUTE_CHANGE_FEED } from '../api.tokens';

/** Opens the LISTEN connection when the API starts and closes it when the API stops. */
@Injectable()
export class ChangeFeedLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DISPUTE_CHANGE_FEED) private readonly feed: DisputeChangeFeed) {}

  onModuleInit(): Promise<void> {
    return this.feed.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.feed.stop();
  }
}
