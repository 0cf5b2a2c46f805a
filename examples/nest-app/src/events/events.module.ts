import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Event, EventSchema } from './event.schema';
import { EventsController } from './events.controller';

// The model on the connection DatabaseConfigModule provides ({ mongooseConnection: true }).
@Module({
  imports: [MongooseModule.forFeature([{ name: Event.name, schema: EventSchema }])],
  controllers: [EventsController],
})
export class EventsModule {}
